jz-report tests/bad/report-depth-huge.json
