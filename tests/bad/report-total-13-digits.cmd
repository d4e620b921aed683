jz-report tests/bad/report-total-13-digits.json
