#!/usr/bin/python3
# make.py: samples/xlsx/roster.xlsx from samples/roster.csv (the same data as an Excel
# workbook, for the golden cases: a second sheet, the roster first). Run from the top
# of the repository with /usr/bin/python3 (python3-openpyxl).
import csv
import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "名册"
with open("samples/roster.csv", encoding="utf-8-sig", newline="") as f:
    for row in csv.reader(f):
        ws.append(row)
wb.create_sheet("其他").append(["not the roster"])
wb.save("samples/xlsx/roster.xlsx")
