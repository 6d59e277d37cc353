"""A photo's embedded metadata, read and written in one place: EXIF and TIFF tags (Pillow; BigTIFF included),
IPTC-IIM and XMP, for the importers (what a photo says about itself) and the image workers (the rights every
derivative keeps). Nothing here imports the importers or the stages: a worker loads only this and libvips.
"""
