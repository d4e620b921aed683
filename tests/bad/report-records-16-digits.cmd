jz-report tests/bad/report-records-16-digits.json
