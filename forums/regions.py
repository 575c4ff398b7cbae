"""World regions of the UN M49 standard (its sub-regions), for browsing stories by region.

Every ISO 3166-1 country code maps to one region; Antarctica, which M49 leaves outside
any region, is a region of its own.
"""

from django.utils.translation import gettext_lazy as _

REGIONS = {
    "015": (_("Northern Africa"), "DZ EG EH LY MA SD TN"),
    "202": (
        _("Sub-Saharan Africa"),
        "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW IO KE KM LR LS MG ML MR MU MW MZ NA NE NG "
        "RE RW SC SH SL SN SO SS ST SZ TD TF TG TZ UG YT ZA ZM ZW",
    ),
    "419": (
        _("Latin America and the Caribbean"),
        "AG AI AR AW BB BL BO BQ BR BS BV BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY HN HT JM KN KY LC MF "
        "MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI",
    ),
    "021": (_("Northern America"), "BM CA GL PM US"),
    "143": (_("Central Asia"), "KG KZ TJ TM UZ"),
    "030": (_("Eastern Asia"), "CN HK JP KP KR MN MO TW"),
    "035": (_("South-eastern Asia"), "BN ID KH LA MM MY PH SG TH TL VN"),
    "034": (_("Southern Asia"), "AF BD BT IN IR LK MV NP PK"),
    "145": (_("Western Asia"), "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE"),
    "151": (_("Eastern Europe"), "BG BY CZ HU MD PL RO RU SK UA"),
    "154": (_("Northern Europe"), "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ"),
    "039": (_("Southern Europe"), "AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA"),
    "155": (_("Western Europe"), "AT BE CH DE FR LI LU MC NL"),
    "053": (_("Australia and New Zealand"), "AU CC CX HM NF NZ"),
    "054": (_("Melanesia"), "FJ NC PG SB VU"),
    "057": (_("Micronesia"), "FM GU KI MH MP NR PW UM"),
    "061": (_("Polynesia"), "AS CK NU PF PN TK TO TV WF WS"),
    "010": (_("Antarctica"), "AQ"),
}

COUNTRY_REGION = {country: code for code, (_name, countries) in REGIONS.items() for country in countries.split()}


def region_of(country):
    return COUNTRY_REGION.get((country or "").upper(), "")


def region_name(code):
    return REGIONS[code][0] if code in REGIONS else ""


def countries_in(codes):
    return [country for code in codes if code in REGIONS for country in REGIONS[code][1].split()]
