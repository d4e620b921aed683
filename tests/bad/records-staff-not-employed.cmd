jz-validate tests/bad/ref/roster.csv tests/bad/records-staff-not-employed.csv
