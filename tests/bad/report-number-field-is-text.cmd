jz-report -f csv tests/bad/report-number-field-is-text.json
