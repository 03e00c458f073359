"""Word lists of the demo company: names, titles, subjects, countries. All invented; any likeness is chance."""

import unicodedata

INDUSTRIES = ("Retail", "Apparel", "Banking", "Insurance", "Healthcare", "Manufacturing", "Technology", "Media",
              "Logistics", "Education")
INDUSTRY_WEIGHTS = (0.18, 0.08, 0.11, 0.09, 0.09, 0.13, 0.13, 0.07, 0.06, 0.06)
ICP_INDUSTRIES = ("Retail", "Apparel", "Banking", "Insurance")

# Country (ISO-2), weight, Opportunity currency, phone dial code, web domain suffix, region (0 NA-East/West by
# state, 2 international).
COUNTRIES = (
    ("US", 0.50, "USD", "+1", ".com"),
    ("GB", 0.09, "GBP", "+44", ".co.uk"),
    ("DE", 0.08, "EUR", "+49", ".de"),
    ("FR", 0.06, "EUR", "+33", ".fr"),
    ("JP", 0.06, "JPY", "+81", ".co.jp"),
    ("CA", 0.06, "CAD", "+1", ".ca"),
    ("AU", 0.05, "AUD", "+61", ".com.au"),
    ("NL", 0.04, "EUR", "+31", ".nl"),
    ("ES", 0.02, "EUR", "+34", ".es"),
    ("IT", 0.02, "EUR", "+39", ".it"),
    ("SG", 0.01, "USD", "+65", ".com.sg"),
    ("BR", 0.01, "USD", "+55", ".com.br"),
)
US_STATES_EAST = ("NY", "MA", "NJ", "PA", "GA", "FL", "NC", "VA", "IL", "OH", "MI", "MN")
US_STATES_WEST = ("CA", "WA", "OR", "CO", "TX", "AZ", "UT", "NV")

# Company names: a stem (a compound "North" + "field", or one of the special stems with accents, apostrophes,
# ampersands and quotes that exercise encoding and CSV quoting), an industry word and a legal form.
STEM_HEADS = (
    "North", "South", "East", "West", "Blue", "Red", "Green", "Silver", "Golden", "Iron", "Stone", "River", "Lake",
    "Oak", "Pine", "Maple", "Cedar", "Willow", "Birch", "Elm", "Summit", "Harbor", "Bright", "Clear", "Swift",
    "Bold", "Prime", "True", "Grand", "High", "Crest", "Fair", "Wind", "Sun", "Moon", "Star", "Sky", "Ocean",
    "Coral", "Amber", "Crystal", "Granite", "Copper", "Falcon", "Eagle", "Hawk", "Fox", "Wolf", "Bear", "Lion",
    "Apex", "Vertex", "Nova", "Terra", "Aqua", "Zephyr", "Atlas", "Orion", "Vega", "Polar",
)
STEM_TAILS = (
    "field", "stone", "bridge", "gate", "wood", "brook", "ridge", "view", "point", "port", "haven", "crest",
    "line", "way", "works", "worth", "ford", "well", "mark", "light", "star", "wave", "peak", "vale", "land",
    "side", "shore", "hill", "dale", "moor", "wick", "ton", "by", "mont", "stead", "ville", "bury", "holm",
    "spring", "gardens", "craft", "forge", "path", "rock", "wind", "tree", "leaf", "bay", "cliff",
)
SPECIAL_STEMS = (
    "Müller & Söhne", "O'Brien", "Café Lumière", "Lefèvre Frères", "Ørsted & Dahl", "D'Angelo", "Zürich Alpen",
    "Nuñez y Hijos", "Smith & Sons", "Main Street \"Corner\"", "Björk", "Crème de la Mer", "L'Étoile",
    "Saint-Éloi", "Kowalski & Partners", "McAllister's", "Straße Nord", "São Vicente", "Barnes, Hale & Rowe",
)
INDUSTRY_WORDS = {
    "Retail": ("Retail", "Stores", "Markets", "Mercantile", "Shops", "Outlets", "Grocers", "Department Stores"),
    "Apparel": ("Apparel", "Clothing", "Outfitters", "Fashion", "Textiles", "Footwear", "Denim", "Knitwear"),
    "Banking": ("Bank", "Bancorp", "Savings", "Capital", "Trust", "Financial", "Credit Union", "Banking"),
    "Insurance": ("Insurance", "Assurance", "Mutual", "Underwriters", "Life", "Indemnity", "Re", "Insurers"),
    "Healthcare": ("Health", "Medical", "Clinics", "Care", "Hospitals", "Pharma", "Diagnostics", "Labs"),
    "Manufacturing": ("Manufacturing", "Industries", "Machinery", "Components", "Fabrication", "Plastics",
                      "Metals", "Engineering"),
    "Technology": ("Technologies", "Software", "Systems", "Networks", "Data", "Innovations", "Digital", "Cloud"),
    "Media": ("Media", "Publishing", "Studios", "Broadcasting", "Entertainment", "Press", "Records", "Films"),
    "Logistics": ("Logistics", "Freight", "Shipping", "Transport", "Express", "Cargo", "Haulage", "Distribution"),
    "Education": ("Academy", "College", "Learning", "Education", "Institute", "Schools", "Tutoring", "University"),
}
# Legal forms by country; "" = none. Each ends with a distinct word so that web-domain slugs stay unique.
LEGAL_FORMS = {
    "US": ("", "Inc.", "LLC", "Corp.", "Group", "Holdings", "Co.", "Partners"),
    "GB": ("", "Ltd", "PLC", "Group", "Holdings", "LLP", "Co.", "Partners"),
    "DE": ("", "GmbH", "AG", "Gruppe", "Holding", "KG", "GmbH & Co. KG", "SE"),
    "FR": ("", "SA", "SAS", "Groupe", "SARL", "Holding", "& Cie", "Associés"),
    "JP": ("", "K.K.", "Co., Ltd.", "Group", "Holdings", "Corporation", "G.K.", "Industries"),
    "CA": ("", "Inc.", "Ltd", "Corp.", "Group", "Holdings", "Co.", "Partners"),
    "AU": ("", "Pty Ltd", "Ltd", "Group", "Holdings", "Co.", "Partners", "Trust"),
    "NL": ("", "B.V.", "N.V.", "Groep", "Holding", "& Zonen", "Partners", "Co."),
    "ES": ("", "S.A.", "S.L.", "Grupo", "Holding", "y Cía", "Socios", "Co."),
    "IT": ("", "S.p.A.", "S.r.l.", "Gruppo", "Holding", "& Figli", "Soci", "Co."),
    "SG": ("", "Pte Ltd", "Ltd", "Group", "Holdings", "Co.", "Partners", "Corp."),
    "BR": ("", "Ltda", "S.A.", "Grupo", "Holding", "& Filhos", "Sócios", "Co."),
}

FIRST_NAMES = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
    "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Christopher",
    "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Sandra", "Mark", "Margaret", "Steven", "Ashley",
    "Andrew", "Kimberly", "Paul", "Emily", "Joshua", "Donna", "Kenneth", "Michelle", "Kevin", "Carol", "Brian",
    "Amanda", "George", "Melissa", "Timothy", "Deborah", "Ronald", "Stephanie", "Jason", "Rebecca", "Ryan",
    "Laura", "Jacob", "Sharon", "Gary", "Cynthia", "Nicholas", "Kathleen", "Eric", "Amy", "Jonathan", "Angela",
    "José", "María", "François", "Zoë", "Björn", "Søren", "Chloé", "Renée", "André", "Jürgen", "Ingrid", "Lars",
    "Giulia", "Marco", "Sofia", "Luca", "Anaïs", "Émile", "Noémie", "Priya", "Arjun", "Wei", "Mei", "Olusegun",
    "Amara", "Fatima", "Omar", "Aisha", "Mateo", "Valentina", "Liam", "Noah", "Olivia", "Emma", "Ava", "Mia",
    "Sean", "Siobhan", "Niamh", "Declan", "Ewa", "Piotr", "Katarzyna", "Tomasz", "Hannah", "Lukas", "Finn",
)
LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
    "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
    "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson",
    "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "O'Brien", "O'Connor", "D'Souza",
    "Müller", "Schmidt", "Schröder", "Weiß", "Dubois", "Lefèvre", "García", "Muñoz", "Núñez", "Rossi", "Bianchi",
    "Esposito", "Jansen", "de Vries", "van den Berg", "Nielsen", "Ødegaard", "Johansson", "Kowalski", "Nowak",
    "Patel", "Sharma", "Chen", "Wang", "Li", "Zhang", "Okafor", "Mensah", "Haddad", "Cohen", "Murphy", "Kelly",
    "MacDonald", "McCarthy", "Fitzgerald", "Byrne", "Novak", "Horvat", "Popescu", "Silva", "Santos", "Costa",
)
JP_FIRST_NAMES = ("Haruto", "Yuto", "Sota", "Yui", "Hina", "Aoi", "Ren", "Sakura", "Takumi", "Yuki", "Kenji",
                  "Akiko", "Hiroshi", "Naoko", "Daiki", "Emi")
JP_LAST_NAMES = ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi",
                 "Kato", "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue", "Kimura")

# Contact titles by buyer persona (the persona order of archetypes.PERSONAS). Varied spellings on purpose: the
# persona rules in seeds/persona_title_rules.csv must map them. An empty title is no title (NULL).
TITLES_BY_PERSONA = (
    ("Chief Executive Officer", "CEO", "President", "Chief Operating Officer", "COO", "Managing Director",
     "General Manager", "Owner", "Founder & CEO", "Executive Vice President"),
    ("Chief Financial Officer", "CFO", "VP Finance", "VP, Finance", "Finance Director", "Director of Finance",
     "Head of Finance", "Controller", "Financial Controller", "Treasurer"),
    ("Chief Information Officer", "CIO", "CTO", "Director of IT", "IT Director", "IT Manager", "Head of Data",
     "VP Engineering", "Enterprise Architect", "Head of IT Infrastructure"),
    ("Procurement Manager", "Purchasing Lead", "Head of Procurement", "Purchasing Manager", "Sourcing Manager",
     "Vendor Manager", "Procurement Specialist", "Category Manager, Indirect Procurement"),
    ("Head of Merchandising", "Sales Operations Manager", "Director of Operations", "Operations Manager",
     "Head of Marketing", "Regional Manager", "Store Operations Director", "Branch Manager",
     "Head of Customer Service", "Team Lead"),
    ("Senior Data Analyst", "Data Analyst", "Business Analyst", "Financial Analyst", "Merchandise Planner",
     "Marketing Coordinator", "Sr. Business Analyst", "Reporting Specialist", "Underwriting Assistant",
     "Customer Service Representative"),
    ("", "Consultant", "Assistant", "Board Advisor", "Intern", "Office Administrator"),
)
PERSONA_WEIGHTS = (0.10, 0.12, 0.20, 0.10, 0.20, 0.18, 0.10)

# Contact-role Role values by persona (same order as PERSONAS), with weights.
ROLES = ("Decision Maker", "Economic Buyer", "Evaluator", "Influencer", "Technical Buyer", "Business User")
ROLE_WEIGHTS_BY_PERSONA = (
    (0.30, 0.70, 0.00, 0.00, 0.00, 0.00),
    (0.30, 0.50, 0.20, 0.00, 0.00, 0.00),
    (0.00, 0.00, 0.30, 0.00, 0.70, 0.00),
    (0.00, 0.00, 0.60, 0.40, 0.00, 0.00),
    (0.40, 0.00, 0.00, 0.40, 0.00, 0.20),
    (0.00, 0.00, 0.00, 0.40, 0.00, 0.60),
    (0.00, 0.00, 0.20, 0.50, 0.00, 0.30),
)

LEAD_SOURCES = ("Web", "Outbound", "Partner Referral", "Customer Referral", "Trade Show", "Webinar")
TASK_SUBJECTS = ("Call", "Email", "Follow up", "Send proposal", "Send pricing", "Prepare QBR deck",
                 "Check in on renewal", "Intro email", "Left voicemail", "Send case study")
TASK_TYPES = ("Call", "Email", "Email", "Other", "Email", "Other", "Call", "Email", "Call", "Email")
EVENT_SUBJECTS = ("Discovery call", "Product demo", "Executive briefing", "Onsite workshop", "QBR",
                  "Negotiation meeting", "Technical deep dive", "Kick-off meeting")

REP_TITLES = ("Account Executive", "Senior Account Executive", "Account Executive", "Account Manager")
ENTERPRISE_REP_TITLES = ("Enterprise Account Executive", "Senior Enterprise Account Executive",
                         "Strategic Account Director")


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only ("Müller & Söhne" -> "mullersohne"), for emails and domains."""
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O"))
    return "".join(ch for ch in folded.lower() if ch.isascii() and ch.isalnum())
