"""The pyvips work: read an image's header, make its web derivatives and deep-zoom tiles.

Functions here run in worker processes (started with spawn, never fork: libvips deadlocks in a
forked child), so they take and return plain picklable values. An original is opened read-only and
never written.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from albumen.metadata.rights import rights_exif, rights_of
from albumen.portable import READ_NONBLOCKING
from albumen.reading import undecodable_name

# Originals bigger than this are refused as likely decompression bombs (a 300 MP scan still passes).
MAX_PIXELS = 1_000_000_000
# Up to this size an original is decoded into memory for tiling (150 MB at 50 MP); bigger ones are
# streamed, so memory stays flat whatever the scan's size.
IN_MEMORY_PIXELS = 50_000_000
TILE_SIZE = 512
EXTENSIONS = {"jpeg": "jpg", "webp": "webp", "avif": "avif"}  # file name endings of the formats we write
TILE_ID_PLACEHOLDER = "https://albumen.invalid/iiif"
# Every decode fails on the decoder's first warning about the data: libjpeg only warns about a bad Huffman
# code or a premature end, and fills the rest with grey (15 of the corpus's 16 damaged JPEGs were published
# so under fail_on="truncated"). It costs nothing: the check happens while the pixels are decoded anyway.
STRICT = "warning"


@dataclass(frozen=True)
class ImageInfo:
    width: int  # as shown, after EXIF orientation
    height: int


class ImageProblem(Exception):
    """An image that cannot be used; the message says what to do."""


class DamagedImage(ImageProblem):
    """The original's own data is damaged or cut short: a verdict on its bytes, kept by content hash."""


class JobResult(NamedTuple):
    """What a worker sends back for one original."""

    key: str
    written: int  # files and tile sets written
    error: str | None  # what went wrong, said for a person; None when all went well
    damaged: bool = False  # the error is a verdict on the original's bytes (DamagedImage)


@dataclass(frozen=True)
class Output:
    """One derivative file to write."""

    format: str  # "jpeg", "webp" or "avif"
    width: int
    height: int  # exactly: pages give this size before the file exists
    path: str
    quality: int


@dataclass(frozen=True)
class ImageJob:
    """Everything to make for one original; only what is missing from the cache is listed."""

    source: str
    outputs: tuple[Output, ...] = ()
    # Every planned (width, height), largest first: the chain each width is cut from, whichever files are
    # missing, so that a file's bytes never depend on what the cache held (a killed build, a new width).
    sizes: tuple[tuple[int, int], ...] = ()
    tiles: str | None = None  # folder for IIIF level-0 tiles, or None
    full: str | None = None  # the full-size JPEG that deep zoom shows of an original too small for tiles
    tile_quality: int = 85
    pixels: int = 0  # of the original, to choose between decoding in memory and streaming
    # Decode it strictly even if no width is missing: the catalog has no verdict on these bytes yet.
    verify: bool = False


def probe(path: Path) -> ImageInfo:
    """Open an image's header (no pixels decoded) and return its displayed size."""
    import pyvips

    try:
        image = _header(path)
    except pyvips.Error as exc:
        raise ImageProblem(f"can't open this image ({_decoder_complaint(exc)}); is it a JPEG, TIFF, PNG, WebP "
                           "or HEIC file that opens in an image viewer?") from exc
    width, height = image.width, image.height
    if width * height > MAX_PIXELS:
        raise ImageProblem(f"the image is {width}x{height} pixels, more than {MAX_PIXELS // 1_000_000} "
                           "megapixels; scale it down before adding it")
    if _orientation(image) in (5, 6, 7, 8):
        width, height = height, width
    return ImageInfo(width, height)


def _header(path: Path) -> Any:
    """libvips' image of a file, the header only. libvips takes a name as UTF-8: a name in Latin-1 bytes on an old
    site crashed import html (Found by tests/test_trust_fs_mix.py), so such a file is given to it by descriptor."""
    import pyvips

    if not undecodable_name(str(path)):
        return pyvips.Image.new_from_file(str(path), access="sequential")
    try:
        descriptor = os.open(path, READ_NONBLOCKING)
    except OSError as exc:
        raise ImageProblem(f"can't open this image: {exc.strerror}") from exc
    try:
        return pyvips.Image.new_from_source(pyvips.Source.new_from_descriptor(descriptor), "", access="sequential")
    finally:
        os.close(descriptor)


def derivative_widths(original_width: int, widths: tuple[int, ...]) -> tuple[int, ...]:
    """The widths to make for an original: never upscaled; a small original is kept at its own width."""
    smaller = {w for w in widths if w < original_width}
    if original_width <= max(widths):
        smaller.add(original_width)
    return tuple(sorted(smaller))


def run_job(key: str, job: ImageJob) -> JobResult:
    """In a worker: make one original's missing files; the result says what went wrong, never raises.

    It lives here, not in the derive stage, so that a worker process imports only this module and libvips.
    """
    try:
        return JobResult(key, make_images(job), None)
    except ImageProblem as exc:
        return JobResult(key, 0, str(exc), isinstance(exc, DamagedImage))


def make_images(job: ImageJob) -> int:
    """Write the job's derivatives and tiles; return the number of files and tile sets written.

    When it has widths to make or is to verify, the original is first decoded strictly for its largest
    width, every byte of its data read: DamagedImage when the decoder finds anything wrong with the data
    (cut short, a bad Huffman code), so that nothing is written from it. A JPEG shrunk while it decodes is
    judged as one decoded whole: libjpeg's warnings come from reading the data, whatever the scale (the
    corpus's 16 damaged JPEGs fail alike at 1/1, 1/2, 1/4 and 1/8). ImageProblem when a later step fails.
    """
    import pyvips

    _clear_leftovers(job)
    base = _decode_strictly(job.source, job.sizes[0]) if job.outputs or job.verify else None
    try:
        written = 0
        if job.outputs:
            written += _write_outputs(base, job.sizes, job.outputs)
        if job.full:
            _write_full_size(job.source, job.full, job.tile_quality)
            written += 1
        if job.tiles:
            whole = _decode(job.source, None) if job.pixels <= IN_MEMORY_PIXELS else _stream(job.source)
            _write_tiles(whole, job.tiles, job.tile_quality)
            written += 1
    except pyvips.Error as exc:
        raise ImageProblem(f"can't decode this image ({_first_line(exc)}); it may be truncated or "
                           "damaged: open it in an image viewer, or scan or export it again") from exc
    return written


def _clear_leftovers(job: ImageJob) -> None:
    """Remove the temporary files and tile folders that an ended job for this photo left (a build stopped
    or killed while its images were made): they are in this photo's own folder, and only its job writes
    there."""
    folders = {Path(path).parent for path in (*(output.path for output in job.outputs), job.tiles, job.full)
               if path}
    for folder in folders:
        for left in folder.glob(".*.tmp*"):
            if left.is_dir() and not left.is_symlink():
                shutil.rmtree(left, ignore_errors=True)
            else:
                left.unlink(missing_ok=True)


def _decode_strictly(source: str, size: tuple[int, int]) -> Any:
    """The original decoded for its largest width (every byte of its data read), or DamagedImage."""
    import pyvips

    try:
        return _decode(source, size)
    except pyvips.Error as exc:
        raise DamagedImage(damage_message(_decoder_complaint(exc))) from exc


def damage_message(complaint: str) -> str:
    """What a person reads about a damaged original: what is wrong, and what to do."""
    return (f"can't decode this image ({complaint}): it is truncated or damaged (a viewer shows part of it "
            "grey), so it is left off the site; put an undamaged copy in its place (from a backup or the "
            "camera's card), or scan or export it again")


# The decoders' own lines in a libvips error, e.g. "VipsJpeg: Corrupt JPEG data: bad Huffman code".
_DECODER_LINE = re.compile(r"^(?:VipsJpeg|vipspng|spng|tiff2vips|heif|webp2vips|gifload|VipsForeignLoad\w*): (.+)$")


def _decoder_complaint(exc: Exception) -> str:
    """The decoder's own words in a libvips error: its first line about the data, not 'unable to call ...'
    (nor a line naming the file by its full path); short."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    said = [m.group(1) for line in lines if (m := _DECODER_LINE.match(line))]
    said = said or [line for line in lines if not line.startswith(("unable to ", "VIPS-WARNING", "/"))]
    return (said[0] if said else _first_line(exc))[:200]


def _resized(image: Any, width: int, height: int) -> Any:
    """Exactly width x height: libvips rounds a height its own way, and the pages were written with ours."""
    if (image.width, image.height) == (width, height):
        return image
    return image.thumbnail_image(width, height=height, size="force")


def _decode(source: str, size: tuple[int, int] | None) -> Any:
    """The original shrunk to the output's size (None: full size), upright, in sRGB, 8 bits, in memory.

    A JPEG at least twice the size asked for is decoded at 1/2, 1/4 or 1/8 of its size (see _jpeg_shrink),
    then resized; anything else goes through thumbnail(), which shrinks while decoding where the format
    allows (WebP, pyramidal TIFF). Both paths apply EXIF orientation and turn embedded colour profiles
    (CMYK, Adobe RGB, 16-bit) into sRGB. HEIC goes through libheif (see _heif_decoded). fail_on: a truncated
    or damaged file is an error, not a picture partly filled with grey.
    """
    import pyvips

    header = pyvips.Image.new_from_file(source, access="sequential")
    if _needs_libheif(header):
        width, height = size or (header.width, header.height)  # libheif turns it as the header says
        image = _heif_decoded(source).thumbnail_image(width, height=height, size="force")
        return _with_rights_only(_as_srgb(image), _rights_exif(header, source)).copy_memory()
    turned = _orientation(header) in (5, 6, 7, 8)
    if size is None:
        width, height = (header.height, header.width) if turned else (header.width, header.height)
    else:
        width, height = size
    shrink = _jpeg_shrink(header, (height, width) if turned else (width, height))
    if shrink > 1:
        loaded = pyvips.Image.jpegload(source, shrink=shrink, access="sequential", fail_on=STRICT)
        image = loaded.thumbnail_image(width, height=height, size="force")
    else:
        image = pyvips.Image.thumbnail(source, width, height=height, size="force", fail_on=STRICT)
    return _with_rights_only(_as_srgb(image), _rights_exif(header, source)).copy_memory()


def _jpeg_shrink(header: Any, stored_size: tuple[int, int]) -> int:
    """How much a JPEG can shrink while it decodes (1, 2, 4 or 8) and still cover stored_size (its size as
    stored, before EXIF orientation).

    libvips' thumbnail() keeps a factor of 2 in hand for its own resize, so a 3000 px photo made 800 px
    wide is decoded whole. Decoding it at half size, as Pillow's draft() and sharp's default do, is
    34 -> 27 CPU ms a photo (its JPEG save included), and the result differs from a whole decode by
    46-48 dB PSNR: less than the JPEG encoding of the derivative itself changes it.
    """
    if header.get("vips-loader") != "jpegload":
        return 1
    width, height = stored_size
    room = min(header.width / width, header.height / height)
    return next((factor for factor in (8, 4, 2) if factor <= room), 1)


def _stream(source: str) -> Any:
    """The full original for tiling, read top to bottom once: memory stays flat for huge scans."""
    import pyvips

    image = pyvips.Image.new_from_file(source, access="sequential", fail_on=STRICT)
    if _needs_libheif(image):
        return _with_rights_only(_as_srgb(_heif_decoded(source)), _rights_exif(image, source))
    if image.get_typeof("icc-profile-data"):
        image = image.icc_transform("srgb")
    if _orientation(image) != 1:
        image = image.autorot()  # needs the whole image; rare for big scans, which come upright
    return _with_rights_only(_as_srgb(image), _rights_exif(image, source))


def _needs_libheif(header: Any) -> bool:
    """A HEIC/HEIF photo (HEVC, as phones write them): the libvips of pyvips-binary reads its header and
    metadata but has no HEVC decoder. Its AVIF (AV1) decoder is used as for any other format."""
    return bool(header.get("vips-loader") == "heifload" and header.get_typeof("heif-compression")
                and header.get("heif-compression") != "av1")


def _heif_decoded(source: str) -> Any:
    """A HEIC photo's pixels decoded by the libheif that pillow-heif bundles (with its HEVC decoder): turned
    as the file says (irot/imir, as libvips' header reports its size), 8 bits, in sRGB when it carries an
    ICC profile (a phone's Display P3). DamagedImage when libheif can't decode it."""
    import pillow_heif
    import pyvips

    try:
        heif = pillow_heif.open_heif(source, convert_hdr_to_8bit=True)
        picture = heif.to_pillow()
        if picture.mode not in _PIL_BANDS:
            picture = picture.convert("RGBA" if "A" in picture.mode else "RGB")
        pixels = picture.tobytes()
    except (ValueError, RuntimeError, OSError, EOFError, SyntaxError) as exc:  # what pillow-heif raises
        raise DamagedImage(damage_message(f"libheif: {_first_line(exc)}")) from exc
    bands = _PIL_BANDS[picture.mode]
    image = pyvips.Image.new_from_memory(pixels, picture.width, picture.height, bands, "uchar")
    image = image.copy(interpretation="b-w" if bands <= 2 else "srgb")
    profile = heif.info.get("icc_profile")
    if profile and bands >= 3 and not is_srgb_profile(profile):
        image = image.copy()
        image.set_type(pyvips.GValue.blob_type, "icc-profile-data", profile)
        image = image.icc_transform("srgb", embedded=True, intent="perceptual")
    return image


_PIL_BANDS = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4}


def _as_srgb(image: Any) -> Any:
    """8-bit sRGB (or 8-bit grey), whatever came in: CMYK without a profile, 16-bit, float."""
    if image.interpretation in ("b-w", "grey16"):
        target = "b-w"
    else:
        target = "srgb"
    if image.interpretation != target or image.format != "uchar":
        image = image.colourspace(target)
        if image.format != "uchar":
            image = image.cast("uchar")
    return image


def _with_rights_only(image: Any, rights: bytes) -> Any:
    """Drop all metadata (camera, GPS, dates, XMP, IPTC) but the copyright and artist: the EXIF block `rights`."""
    import pyvips

    image = image.copy()
    for name in image.get_fields():
        if name.startswith(("exif-", "xmp-", "iptc-", "icc-", "gps-")) or name == "orientation":
            image.remove(name)
    if rights:
        image.set_type(pyvips.GValue.blob_type, "exif-data", rights)
    return image


def _rights_exif(header: Any, source: str) -> bytes:
    """The EXIF block of the original's copyright and artist (metadata.rights), the same in every file made
    from it; b'' when it names no one."""
    return rights_exif(rights_of(header, Path(source)))


def _write_outputs(base: Any, sizes: tuple[tuple[int, int], ...], outputs: tuple[Output, ...]) -> int:
    """Each width from the next larger one (cheaper than from the original), each format of it; only the
    outputs asked for are encoded, down to the smallest of them."""
    by_width: dict[int, list[Output]] = {}
    for output in outputs:
        by_width.setdefault(output.width, []).append(output)
    smallest = min(by_width)
    image = base
    for width, height in sizes:
        if width < smallest:
            break
        image = _resized(image, width, height)
        wanted = by_width.get(width, [])
        if wanted and (len(wanted) > 1 or width != smallest):
            # libvips pipelines are lazy: without this, every save (and every smaller width made from
            # this one) would redo the resize. Measured: 80 -> 63 ms a photo for the default sizes.
            image = image.copy_memory()
        for output in wanted:
            _save(image, output)
    return len(outputs)


def _save(image: Any, output: Output) -> None:
    target = Path(output.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_for(target)
    keep = "exif" if image.get_typeof("exif-data") else "none"
    if output.format == "jpeg":
        if image.hasalpha():
            image = image.flatten(background=[255])
        image.jpegsave(str(temporary), Q=output.quality, keep=keep)
    elif output.format == "webp":
        # effort 0: half the encoding time of effort 2 for files ~10% larger, still half a JPEG's size.
        image.webpsave(str(temporary), Q=output.quality, effort=0, keep=keep)
    elif output.format == "avif":
        # effort 0: libvips' default effort costs seconds a photo (measured); 0 is still the smallest.
        image.heifsave(str(temporary), Q=output.quality, effort=0, compression="av1", keep=keep)
    else:
        raise ValueError(f"unknown format {output.format}")
    os.replace(temporary, target)


def _temporary_for(target: Path) -> Path:
    """Where a file is written before it is renamed into place: hidden, this process's own, with the file's
    suffix (the encoder reads the format from it), and found by _clear_leftovers if the job is killed."""
    return target.with_name(f".{target.name}.{os.getpid()}.tmp{target.suffix}")


def _write_full_size(source: str, path: str, quality: int) -> None:
    """The original at full size as a JPEG a browser shows faithfully, with no camera, GPS or date metadata.

    An upright 8-bit RGB or grey JPEG with no colour profile but sRGB keeps its own compressed bytes, with
    only its metadata left out: a copy costs about 8 ms where encoding a 3000x2000 photo again costs 60
    (measured), and it is the original's very pixels. Anything else (turned, CMYK, another profile, TIFF,
    PNG...) is decoded and encoded in sRGB: OpenSeadragon draws with colorSpaceConversion "none", so a
    profile would be lost.
    """
    import pyvips

    header = pyvips.Image.new_from_file(source, access="sequential")
    copy = None
    if (header.get("vips-loader") == "jpegload" and _orientation(header) == 1 and header.format == "uchar"
            and (header.bands, header.interpretation) in ((3, "srgb"), (1, "b-w"))
            and (not header.get_typeof("icc-profile-data") or is_srgb_profile(header.get("icc-profile-data")))):
        copy = jpeg_without_metadata(Path(source).read_bytes(), jpeg_exif_segment(_rights_exif(header, source)))
    if copy is None:
        image = _decode(source, None)
        _save(image, Output("jpeg", image.width, image.height, path, quality))
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_for(target)
    temporary.write_bytes(copy)
    os.replace(temporary, target)


def is_srgb_profile(icc: bytes) -> bool:
    """Whether an embedded ICC profile is sRGB by its own description (as cameras and scanners embed it):
    then the picture is what a browser assumes of a file with no profile."""
    try:
        if icc[16:20] != b"RGB ":
            return False
        (count,) = struct.unpack_from(">I", icc, 128)
        for n in range(min(count, 256)):
            signature, offset, size = struct.unpack_from(">4sII", icc, 132 + 12 * n)
            if signature == b"desc":
                return "srgb" in _icc_text(icc[offset:offset + size]).lower()
    except struct.error:  # cut short: not a profile to trust
        pass
    return False


def _icc_text(tag: bytes) -> str:
    """The text of an ICC text tag: 'desc' (version 2, ASCII) or 'mluc' (version 4, UTF-16, per language)."""
    if tag.startswith(b"desc"):
        (length,) = struct.unpack_from(">I", tag, 8)
        return tag[12:12 + length].decode("latin-1")
    if tag.startswith(b"mluc"):
        records, record_size = struct.unpack_from(">II", tag, 8)
        texts = []
        for n in range(min(records, 256)):
            length, offset = struct.unpack_from(">II", tag, 16 + n * record_size + 4)
            texts.append(tag[offset:offset + length].decode("utf-16-be", "replace"))
        return " ".join(texts)
    return ""


def jpeg_exif_segment(block: bytes) -> bytes | None:
    """A JPEG's EXIF segment (APP1) holding an EXIF block; None for no block.

    The full-size copy gets it spliced in, not written by libvips from a stand-in image: libvips would also
    write that image's size and resolution, which browsers read to size the picture."""
    if not block:
        return None
    return b"\xff\xe1" + struct.pack(">H", len(block) + 2) + block


# The APPn segments a decoder needs to read a JPEG's colours right, with the size of their fixed fields:
# JFIF and Adobe's colour transform. Every other APPn (EXIF, XMP, IPTC, profiles, MPF's appended images)
# and comment (COM) is left out.
KEPT_APP_SEGMENTS = ((0xE0, b"JFIF\0", 14), (0xEE, b"Adobe", 12))
# Frames browsers decode (baseline, extended, progressive Huffman; 8 bits only), and the markers of those
# they don't (the other SOFn, arithmetic-coding conditioning DAC): such a file is encoded anew.
BROWSER_FRAMES = {0xC0, 0xC1, 0xC2}
BROWSERLESS_MARKERS = {0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF}
# In entropy-coded data a 0xFF byte is followed by 0x00 (a stuffed byte) or a restart marker; any other
# byte after 0xFF (past fill bytes) starts the next segment.
_NEXT_MARKER = re.compile(rb"\xff(?![\x00\xd0-\xd7\xff])")


def jpeg_without_metadata(data: bytes, app1: bytes | None = None) -> bytes | None:
    """A JPEG's bytes without its metadata segments, with app1 (our EXIF) after JFIF; None when the file is
    not a JPEG this parser follows to its end (the caller encodes it anew). Nothing after the end-of-image
    marker is kept: phones append more pictures there."""
    kept = [b"\xff\xd8"]
    for marker, segment in _jpeg_segments(data):
        if marker == 0xD9:
            kept.append(segment)
            return b"".join(kept)
        if marker in BROWSERLESS_MARKERS or (marker in BROWSER_FRAMES and segment[4:5] != b"\x08"):
            return None  # arithmetic coding, lossless, hierarchical or 12-bit: no browser shows it
        if app1 is not None and marker != 0xE0:
            kept.append(app1)
            app1 = None
        if not (0xE0 <= marker <= 0xEF or marker == 0xFE):
            kept.append(segment)
        elif any(marker == m and segment[4:].startswith(name) for m, name, _ in KEPT_APP_SEGMENTS):
            kept.append(_without_thumbnail(marker, segment))
    return None  # no end-of-image marker: truncated, or not a JPEG


def _without_thumbnail(marker: int, segment: bytes) -> bytes:
    """A kept APPn cut to its fixed fields: a JFIF thumbnail may show the photo before it was cropped."""
    size = next(size for m, _, size in KEPT_APP_SEGMENTS if m == marker)
    if len(segment) <= 4 + size:
        return segment
    fields = segment[4:4 + size]
    if marker == 0xE0:
        fields = fields[:-2] + b"\0\0"  # thumbnail width and height: none
    return segment[:2] + struct.pack(">H", size + 2) + fields


def _jpeg_segments(data: bytes) -> Any:
    """(marker, bytes) of each segment after SOI; a scan's segment runs on over its entropy-coded data.
    Ends at EOI, or early (without EOI) where the file is not what a JPEG must be."""
    if not data.startswith(b"\xff\xd8"):
        return
    position, end = 2, len(data)
    while position + 1 < end and data[position] == 0xFF:
        while position + 1 < end and data[position + 1] == 0xFF:  # fill bytes before a marker
            position += 1
        marker = data[position + 1] if position + 1 < end else 0
        if marker == 0xD9:
            yield marker, data[position:position + 2]
            return
        if marker in (0x00, 0x01) or 0xD0 <= marker <= 0xD8 or position + 4 > end:
            return  # not a segment that may stand here
        length = int.from_bytes(data[position + 2:position + 4], "big")
        stop = position + 2 + length
        if length < 2 or stop > end:
            return
        if marker == 0xDA:  # start of scan: its compressed data runs to the next marker
            found = _NEXT_MARKER.search(data, stop)
            if found is None:
                return
            stop = found.start()
        yield marker, data[position:stop]
        position = stop


def _write_tiles(image: Any, folder: str, quality: int) -> None:
    """IIIF Image API level-0 tiles with info.json, written beside and renamed into place whole."""
    target = Path(folder)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(parents=True)
    if image.hasalpha():
        image = image.flatten(background=[255])
    # dzsave writes <dir>/<name>/...; the id is rewritten to the real, relative one at render time.
    image.dzsave(str(temporary / "t"), layout="iiif3", tile_size=TILE_SIZE, overlap=0,
                 id=TILE_ID_PLACEHOLDER, suffix=f".jpg[Q={quality},keep=none]")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(temporary / "t", target)
    shutil.rmtree(temporary, ignore_errors=True)


def _orientation(image: Any) -> int:
    return int(image.get("orientation")) if image.get_typeof("orientation") else 1


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[-1].strip() if text else type(exc).__name__
