#!/usr/bin/python3
# make-formulas.py: samples/xlsx/records-formulas.fods and records-formulas.csv, the first
# five records of samples/records/HZ-BH.csv twice: as the CSV, and as a LibreOffice sheet
# in which a clerk computed them with formulas: the centre ="HZ-"&"BH" (a text result),
# the date =DATE(...) and the entry time =DATE(...)+TIME(...) in date formats, start and
# end =TIME(...) in a time format, participants =N+0 and hours =ROUND((end-start)*24;2)
# (numbers). make-xls.sh saves the sheet as records-formulas.xls and .xlsx (LibreOffice
# computes the formulas on loading it and writes their cached values). Run from the top
# of the repository.
import csv
from xml.sax.saxutils import escape, quoteattr

rows = list(csv.reader(open("samples/records/HZ-BH.csv", encoding="utf-8-sig", newline="")))[:6]
header = rows[0]
with open("samples/xlsx/records-formulas.csv", "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)


def text(v):
    return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(v)


def formula(f, style=None):
    s = ' table:style-name="%s"' % style if style else ""
    return '<table:table-cell%s table:formula=%s/>' % (s, quoteattr("of:=" + f))


def col(name):
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index(name)]


out = []
for r, row in enumerate(rows):
    cells = []
    for name, v in zip(header, row):
        if r == 0 or v == "":
            cells.append(text(v) if v else "<table:table-cell/>")
        elif name == "centre":
            cells.append(formula('"%s"&"%s"' % (v[:3], v[3:])))
        elif name == "date":
            y, m, d = v.split("-")
            cells.append(formula("DATE(%d;%d;%d)" % (int(y), int(m), int(d)), "cdate"))
        elif name in ("start", "end"):
            h, mi = v.split(":")
            cells.append(formula("TIME(%d;%d;0)" % (int(h), int(mi)), "ctime"))
        elif name == "participants":
            cells.append(formula("%s+0" % v))
        elif name == "hours":
            n = r + 1
            cells.append(formula("ROUND(([.%s%d]-[.%s%d])*24;2)" % (col("end"), n, col("start"), n)))
        elif name == "entered_at":
            day, t = v.split(" ")
            y, m, d = day.split("-")
            h, mi = t.split(":")
            cells.append(formula("DATE(%d;%d;%d)+TIME(%d;%d;0)" % (int(y), int(m), int(d), int(h), int(mi)), "cdatetime"))
        else:
            cells.append(text(v))
    out.append("<table:table-row>%s</table:table-row>" % "".join(cells))

doc = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="Ndate"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<number:time-style style:name="Ntime"><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:time-style>
<number:date-style style:name="Ndatetime"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/><number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:date-style>
<style:style style:name="cdate" style:family="table-cell" style:data-style-name="Ndate"/>
<style:style style:name="ctime" style:family="table-cell" style:data-style-name="Ntime"/>
<style:style style:name="cdatetime" style:family="table-cell" style:data-style-name="Ndatetime"/>
</office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="Sheet1">
%s
</table:table></office:spreadsheet></office:body></office:document>
""" % "\n".join(out)
open("samples/xlsx/records-formulas.fods", "w", encoding="utf-8").write(doc)
