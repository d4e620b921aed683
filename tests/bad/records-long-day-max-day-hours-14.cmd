jz-validate --max-day-hours 14 tests/bad/records-long-day.csv
