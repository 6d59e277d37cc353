"""Enrichment: dates and places read from captions, offered as suggestions and never overwriting a person's values.

- `dates`: caption text -> EDTF with the phrase it came from (`caption_date`).
- `gazetteer`: the compact GeoNames-derived gazetteer shipped as gazetteer.tsv.gz.
- `places`: caption text -> places of places.yaml or of the gazetteer (`PlaceFinder`).
- `suggest`: `suggest(archive)` -> a `Suggestion` per empty date or places field of every item.
- `command`: `albumen enrich [--accept]`.
"""
