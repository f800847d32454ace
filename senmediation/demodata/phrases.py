"""The names and phrases demo cases are made of: children's and parents' names (common surnames and ones made
from place-name parts), the issues in dispute, timeline notes, agreed and not-agreed items, complaints and
survey comments. Plain data, chosen from at random as each case is walked.
"""

from __future__ import annotations

FIRST = ["Aisha", "Ben", "Chloe", "Daniel", "Ella", "Finley", "Grace", "Harry", "Isla", "Jack", "Kai", "Layla",
         "Mohammed", "Niamh", "Oliver", "Poppy", "Reuben", "Sofia", "Theo", "Zara", "Amelia", "Noah", "Ava",
         "Leo", "Freya", "Arthur", "Ivy", "Oscar", "Maryam", "Ethan", "Adam", "Bethany", "Callum", "Delia",
         "Emeka", "Fatima", "Gareth", "Hannah", "Imran", "Joanna", "Kieran", "Lucy", "Marek", "Nadia", "Owain",
         "Priya", "Rhys", "Sian", "Tomasz", "Usman", "Vera", "Wiktoria", "Yusuf", "Zofia", "Bronwen", "Carys",
         "Dylan", "Esther", "Farah", "Gwen", "Hamza", "Iris", "Jamal", "Keira", "Liam", "Megan", "Nathan",
         "Olivia", "Patrick", "Rosa", "Samir", "Tariq", "Uma", "Wes"]
LAST = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones", "Khan",
        "Lewis", "Murphy", "Nowak", "Owen", "Patel", "Roberts", "Singh", "Smith", "Taylor", "Wilson", "Walker",
        "Wright", "Thompson", "White", "Hall", "Wood", "Robinson", "Begum", "Kowalski", "Mensah", "Okafor"]
# Half of all surnames are the common ones above; the rest are made from English place-name parts (400 of
# them), so that a million cases have about as many different families' names as a real service would: with
# only the common ones, each full name belonged to over a thousand families (docs/performance.md).
_SURNAME_STARTS = ["Ash", "Brad", "Carl", "Dun", "Elm", "Fair", "Glen", "Hart", "Kings", "Lang", "Mar", "North",
                   "Pen", "Red", "Stan", "Thorn", "Wal", "West", "Whit", "Brook"]
_SURNAME_ENDS = ["bury", "by", "croft", "field", "ford", "gate", "ham", "hurst", "ley", "low", "more", "ridge",
                 "shaw", "stead", "ton", "wick", "well", "worth", "wood", "dale"]
PLACE_SURNAMES = [start + end for start in _SURNAME_STARTS for end in _SURNAME_ENDS]
ISSUES = [
    "The support in section F is not specific enough",
    "The plan does not name the speech and language therapy agreed at the review",
    "The LA refused to carry out an EHC needs assessment",
    "The LA decided not to issue an EHC plan",
    "The school named in section I cannot meet the child's needs",
    "The plan leaves out the occupational therapy the family asked for",
    "Transport to the named school has not been agreed",
]
NOTES = [
    "Phone call with the parent: talked through the options",
    "E-mail to the parent with the information pack",
    "Left a voicemail for the parent",
    "Spoke to the LA's SEN officer",
    "Parent sent the decision letter",
    "Letter posted to the family",
    "Called the family back about their questions",
]
ITEMS = [
    ("The LA will ask the speech and language therapist to write the therapy into section F",
     "The draft plan shows the therapy with its hours"),
    ("The LA will visit the named school with the parent", "The visit has happened and notes are shared"),
    ("The school will set up a weekly check-in with the parent", "The first check-in has happened"),
    ("The LA will confirm the transport arrangements in writing", "The parent has the letter"),
    ("The parent will send the private occupational therapy report to the LA", "The LA confirms it arrived"),
]
NOT_AGREED = ["Which school is named in section I", "Whether the therapy is weekly or monthly"]
COMPLAINTS = [
    ("The mediator did not seem to listen to my side", "An apology and a different mediator"),
    ("Nobody called me back when you said you would", "A call back and an explanation"),
    ("The certificate took longer than I was told", "To know why, and that it will not happen again"),
    ("The venue was not accessible for my wheelchair", "A different venue next time"),
]
COMMENTS = ["The mediator explained everything clearly.", "I felt listened to for the first time.",
            "It took too long to get a date.", "The LA officer did not have the authority to agree anything.",
            "Helpful, thank you."]
