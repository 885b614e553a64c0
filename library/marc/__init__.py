"""Reading MARC files: ISO 2709 and XML readers, UNIMARC and MARC 21 field maps.

The pipeline is read (iso2709.py, xml.py) → validate and decode (iso2709.py) → map
(unimarc.py, marc21.py) → store (library/importer.py).
"""
