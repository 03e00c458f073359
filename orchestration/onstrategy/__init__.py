"""onstrategy: is the sales team executing the strategy, or just hitting its number?"""
