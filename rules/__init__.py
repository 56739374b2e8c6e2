"""The bundled rule files (data, not code): imported as `rdd_extract.bundled_rules` only to locate them."""
