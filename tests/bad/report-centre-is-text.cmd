jz-report tests/bad/report-centre-is-text.json
