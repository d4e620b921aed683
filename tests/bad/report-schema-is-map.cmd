jz-report tests/bad/report-schema-is-map.json
