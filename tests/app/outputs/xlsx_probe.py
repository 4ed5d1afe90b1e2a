#!/usr/bin/env python3
"""Reads back a results.xlsx for tests/app/outputs/test_results_workbook.cpp, with only the
standard library (an .xlsx is a zip of XML parts), and prints one fact a line:

  sheets: Summary,Plan,...          the workbook's sheet names, in order
  cell SHEET!REF: TYPE VALUE FORMAT  for each SHEET!REF given: the cell's type ("n" for a number,
                                     "s" for a shared string), its value and its number format
  chart: yes|no                      whether the Daily sheet's drawing holds xl/charts/chart1.xml
"""
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
BUILTIN_FORMATS = {0: "General", 9: "0%", 10: "0.00%", 14: "m/d/yyyy"}


def rels(z, part):
    folder, name = part.rsplit("/", 1)
    root = ET.fromstring(z.read(f"{folder}/_rels/{name}.rels"))
    return {r.get("Id"): r.get("Target") for r in root.findall("p:Relationship", NS)}


def sheet_parts(z):
    book = ET.fromstring(z.read("xl/workbook.xml"))
    targets = rels(z, "xl/workbook.xml")
    return [(s.get("name"), "xl/" + targets[s.get(f"{{{NS['r']}}}id")])
            for s in book.find("m:sheets", NS)]


def number_formats(z):
    styles = ET.fromstring(z.read("xl/styles.xml"))
    codes = dict(BUILTIN_FORMATS)
    for f in styles.iter(f"{{{NS['m']}}}numFmt"):
        codes[int(f.get("numFmtId"))] = f.get("formatCode")
    xfs = styles.find("m:cellXfs", NS)
    return [codes.get(int(x.get("numFmtId", "0")), "?") for x in xfs]


def cell(z, parts, formats, ref):
    sheet, address = ref.split("!")
    root = ET.fromstring(z.read(dict(parts)[sheet]))
    for c in root.iter(f"{{{NS['m']}}}c"):
        if c.get("r") == address:
            value = c.find("m:v", NS)
            return f"{c.get('t', 'n')} {value.text if value is not None else ''} {formats[int(c.get('s', '0'))]}"
    return "missing"


def daily_chart(z, parts):
    sheet = dict(parts)["Daily"]
    for target in rels(z, sheet).values():
        if "drawing" in target:
            drawing = "xl/" + re.sub(r"^\.\./", "", target)
            return any(t.endswith("charts/chart1.xml") for t in rels(z, drawing).values()) \
                and "xl/charts/chart1.xml" in z.namelist()
    return False


def main():
    with zipfile.ZipFile(sys.argv[1]) as z:
        parts = sheet_parts(z)
        formats = number_formats(z)
        print("sheets: " + ",".join(name for name, _ in parts))
        for ref in sys.argv[2:]:
            print(f"cell {ref}: {cell(z, parts, formats, ref)}")
        print("chart: " + ("yes" if daily_chart(z, parts) else "no"))


main()
