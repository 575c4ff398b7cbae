"""Compile the .po translations into .mo files, with GNU gettext when the machine has it
and with polib otherwise, so that a fresh machine needs no system package."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main():
    catalogs = sorted((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
    msgfmt = shutil.which("msgfmt")
    for po in catalogs:
        mo = po.with_suffix(".mo")
        if msgfmt:
            subprocess.run([msgfmt, "--check-format", "-o", str(mo), str(po)], check=True)
        else:
            polib.pofile(str(po)).save_as_mofile(str(mo))
    print(f"Compiled {len(catalogs)} catalogues{' with msgfmt' if msgfmt else ' with polib'}.", file=sys.stderr)


if __name__ == "__main__":
    main()
