jz-validate --format csv tests/bad/records-several-problems.csv
