jz-report tests/bad/report-title-is-map.json
