"""Converters from public CRM samples to the landing-zone contract, to try the pipeline on data nobody here wrote."""
