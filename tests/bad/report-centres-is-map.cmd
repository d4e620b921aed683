jz-report tests/bad/report-centres-is-map.json
