jz-validate --format json tests/bad/records-several-problems.csv
