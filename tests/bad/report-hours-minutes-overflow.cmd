jz-report tests/bad/report-hours-minutes-overflow.json
