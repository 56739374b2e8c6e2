"""rdd-extract: figures of a French rapport de développement durable as tidy Parquet tables."""

__version__ = "0.1.0"
