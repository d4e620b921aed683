jz-report tests/bad/report-schema-is-list.json
