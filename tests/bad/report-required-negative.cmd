jz-report tests/bad/report-required-negative.json
