"""What makes the demo look like a real export rather than a tidy generator's output.

Reports and some tools export 15-character Ids, the APIs 18-character ones, and a landing zone assembled from both
mixes them, also in the fields that reference other records (`OpportunityLineItem.OpportunityId` 15 characters,
`Opportunity.Id` 18). The demo writes every record's own Id in 18 characters and about a third of its references
in 15, so every run of the pipeline on demo data exercises the normalisation (docs/input-contract.md).
"""

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from onstrategy.ingest.contracts import SALESFORCE_OBJECTS

REFERENCE_COLUMNS = {obj.name: tuple(c for c in obj.id_columns if c != "Id") for obj in SALESFORCE_OBJECTS}
SHORT_EVERY = 3  # one reference in three is written in its 15-character form


def short_id_every(ids: pa.Array, phase: int, first_row: int = 0) -> pa.Array:
    """`ids` with every SHORT_EVERY-th value (from row `phase`, counting rows from `first_row`) cut to its first 15
    characters: the 15-character Id of the same record."""
    rows = (np.arange(len(ids)) + first_row + phase) % SHORT_EVERY == 0
    shortened = pc.utf8_slice_codeunits(ids, 0, 15)
    return pc.if_else(pa.array(rows), shortened, ids)


def with_short_references(object_name: str, table: pa.Table, first_row: int = 0) -> pa.Table:
    """The export of `object_name` with a third of its references written as 15-character Ids (a different third
    for each reference column)."""
    for phase, column in enumerate(REFERENCE_COLUMNS.get(object_name, ())):
        if column in table.column_names:
            index = table.schema.get_field_index(column)
            table = table.set_column(index, column, short_id_every(table[column], phase, first_row))
    return table
