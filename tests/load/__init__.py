"""Reading the input: YAML, the model and its key paths, the schema."""
