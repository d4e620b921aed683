jz-validate tests/bad/records-unknown-staff.csv tests/bad/ref/roster.csv
