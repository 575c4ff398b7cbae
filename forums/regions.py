"""UN M49 geographic regions and sub-regions, derived from a story's ISO 3166 country code.

Stories keep only the country; the region is looked up here so that curators and visitors
can filter and count by region without storing it twice.
"""

from django.utils.translation import gettext_lazy as _

REGIONS = {
    "002": _("Africa"),
    "019": _("Americas"),
    "142": _("Asia"),
    "150": _("Europe"),
    "009": _("Oceania"),
    "010": _("Antarctica"),
}

# Sub-region code → (region code, name, ISO country codes).
SUBREGIONS = {
    "015": ("002", _("Northern Africa"), "DZ EG LY MA SD TN EH"),
    "014": ("002", _("Eastern Africa"), "IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW"),
    "017": ("002", _("Middle Africa"), "AO CM CF TD CG CD GQ GA ST"),
    "018": ("002", _("Southern Africa"), "BW SZ LS NA ZA"),
    "011": ("002", _("Western Africa"), "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG"),
    "029": (
        "019",
        _("Caribbean"),
        "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    ),
    "013": ("019", _("Central America"), "BZ CR SV GT HN MX NI PA"),
    "005": ("019", _("South America"), "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE"),
    "021": ("019", _("Northern America"), "BM CA GL PM US"),
    "143": ("142", _("Central Asia"), "KZ KG TJ TM UZ"),
    "030": ("142", _("Eastern Asia"), "CN HK MO KP JP MN KR TW"),
    "035": ("142", _("South-eastern Asia"), "BN KH ID LA MY MM PH SG TH TL VN"),
    "034": ("142", _("Southern Asia"), "AF BD BT IN IR MV NP PK LK"),
    "145": ("142", _("Western Asia"), "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE"),
    "151": ("150", _("Eastern Europe"), "BY BG CZ HU PL MD RO RU SK UA"),
    "154": ("150", _("Northern Europe"), "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB"),
    "039": ("150", _("Southern Europe"), "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES"),
    "155": ("150", _("Western Europe"), "AT BE FR DE LI LU MC NL CH"),
    "053": ("009", _("Australia and New Zealand"), "AU CX CC HM NZ NF"),
    "054": ("009", _("Melanesia"), "FJ NC PG SB VU"),
    "057": ("009", _("Micronesia"), "GU KI MH FM NR MP PW UM"),
    "061": ("009", _("Polynesia"), "AS CK PF NU PN WS TK TO TV WF"),
    "010": ("010", _("Antarctica"), "AQ"),
}

COUNTRY_SUBREGION = {country: code for code, (_r, _n, countries) in SUBREGIONS.items() for country in countries.split()}


def subregion_of(country):
    return COUNTRY_SUBREGION.get((country or "").upper(), "")


def region_of(country):
    subregion = subregion_of(country)
    return SUBREGIONS[subregion][0] if subregion else ""


def region_name(code):
    return REGIONS.get(code, _("Unknown region"))


def region_label(country):
    """The name of a country's UN M49 region; empty when no country is known."""
    return region_name(region_of(country)) if country else ""


def countries_in(code):
    """The ISO codes of a region or sub-region."""
    if code in SUBREGIONS and code not in REGIONS:
        return SUBREGIONS[code][2].split()
    return [c for sub, (region, _n, countries) in SUBREGIONS.items() if region == code for c in countries.split()]


def filter_choices():
    """Regions, each followed by its sub-regions, as (code, label) pairs for a filter."""
    choices = []
    for region, name in REGIONS.items():
        choices.append((region, name))
        for code, (parent, sub_name, _countries) in SUBREGIONS.items():
            if parent == region and code != region:
                choices.append((code, f"— {sub_name}"))
    return choices
