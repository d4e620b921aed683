jz-report tests/bad/report-hours-rules-is-list.json
