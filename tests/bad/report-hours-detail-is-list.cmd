jz-report tests/bad/report-hours-detail-is-list.json
