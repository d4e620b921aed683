jz-report tests/bad/report-disagreement-is-text.json
