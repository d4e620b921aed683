jz-validate --max-errors 2 tests/bad/records-several-problems.csv
