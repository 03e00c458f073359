"""Rep archetypes: the behaviours that make the demo tell a strategy-execution story.

Every table below is indexed by archetype code. The effects are deliberately strong, so that they show in the
shares of a single rep over a single quarter, not only in company totals.
"""

import numpy as np

FOLLOWER, COMFORT, OPPORTUNIST, HUNTER, FARMER = range(5)
NAMES = ("strategy_follower", "comfort_zone", "off_icp_opportunist", "new_logo_hunter", "account_farmer")

# Assignment by rep ordinal: 25% followers, 25% comfort-zone, 25% farmers, 12.5% opportunists, 12.5% hunters.
# Reps are dealt to teams round-robin (ordinal % teams), and 8 and 5 are coprime, so every team gets every archetype
# in a 40-rep org, and the first 5 reps (the smallest org) are one of each.
CYCLE = np.array([FOLLOWER, COMFORT, OPPORTUNIST, HUNTER, FARMER, FOLLOWER, COMFORT, FARMER])

# Account classes (see accounts.py): 0 ICP (Enterprise Retail/Financial), 1 large non-ICP, 2 mid-market, 3 small.
ICP, LARGE, MID, SMALL = range(4)
# How much a rep of each archetype wants to own an account of each class (relative weights).
CLASS_AFFINITY = np.array([
    [30.0, 0.4, 0.3, 0.1],   # follower: hunts the ICP
    [20.0, 1.5, 1.0, 1.0],   # comfort-zone: big existing customers, whatever the industry
    [0.03, 0.6, 2.5, 2.5],   # opportunist: small and mid non-ICP deals that close easily
    [2.0, 1.0, 1.0, 1.0],    # hunter
    [10.0, 1.5, 1.0, 0.7],   # farmer
])
# How many accounts a rep owns, relative: hunters cover many, farmers and comfort-zone sellers few.
CAPACITY = np.array([1.3, 0.5, 1.2, 2.5, 0.5])
# Which of its accounts a rep works: only its biggest FOCUS share of them (at least one), and among those the
# first (biggest) ones more often: index = floor(n * u**skew), 1 = uniform. Ownership alone cannot carry this:
# in a small org every rep owns its whole territory.
FOCUS = np.array([0.8, 0.2, 0.8, 1.0, 0.15])
SKEW = np.array([1.3, 2.0, 1.3, 1.0, 2.0])
# Relative number of opportunities per rep.
OPPORTUNITY_WEIGHT = np.array([1.0, 1.0, 1.15, 1.1, 0.9])
# Win rate of closed opportunities.
WIN_RATE = np.array([0.42, 0.45, 0.38, 0.33, 0.48])
# Deal size multiplier.
DEAL_SIZE = np.array([1.15, 1.0, 0.8, 0.9, 1.0])

# Product families (Product2.Family), in this order everywhere.
FAMILIES = ("Core", "Analytics", "AI", "Services", "Legacy")
CORE, ANALYTICS, AI, SERVICES, LEGACY = range(5)
# Line-item family weights before the AI launch (AI column ignored then).
FAMILY_WEIGHTS = np.array([
    [0.34, 0.30, 0.0, 0.24, 0.06],   # follower: balanced, strategic Analytics
    [0.92, 0.02, 0.0, 0.04, 0.02],   # comfort-zone: Core, Core, Core
    [0.45, 0.10, 0.0, 0.20, 0.25],   # opportunist: whatever sells, including on-prem
    [0.50, 0.22, 0.0, 0.18, 0.10],   # hunter
    [0.40, 0.18, 0.0, 0.27, 0.15],   # farmer
])
# AI weight once the line is fully ramped (a year after launch); the ramp is linear from launch day.
AI_WEIGHT = np.array([0.40, 0.005, 0.02, 0.12, 0.06])
# Legacy weight multiplier after the FY2027 plan deprioritized on-prem: followers drop it, opportunists do not.
LEGACY_AFTER_LAUNCH = np.array([0.15, 1.0, 1.0, 0.5, 0.8])

# Buyer personas (contact titles, see words.py), in this order everywhere.
PERSONAS = ("Economic Buyer", "Finance Leader", "Technical Buyer", "Procurement", "Line Manager", "End User",
            "Unknown")
# How strongly a rep of each archetype makes a contact of each persona the primary contact of a deal.
PERSONA_PREFERENCE = np.array([
    [40.0, 30.0, 1.0, 0.5, 1.0, 0.5, 0.3],   # follower: sells to the economic buyer and the CFO
    [0.3, 0.3, 3.0, 1.0, 2.0, 2.0, 1.0],   # comfort-zone: the IT contact it always talks to
    [0.4, 0.4, 1.0, 2.0, 2.0, 1.5, 1.0],   # opportunist
    [0.6, 0.5, 2.0, 1.0, 2.0, 1.0, 1.0],   # hunter
    [0.4, 0.4, 2.0, 1.0, 2.5, 2.0, 1.0],   # farmer
])


def archetype_of_ordinal(ordinal: np.ndarray) -> np.ndarray:
    """The archetype code of the rep with this 0-based ordinal."""
    return CYCLE[np.asarray(ordinal) % len(CYCLE)]
