"""Publishing a run's results: only over what onstrategy built (guard), warehouse and site swapped in as a pair
(atomic), and what the quarantine holds out said in money (materiality)."""
