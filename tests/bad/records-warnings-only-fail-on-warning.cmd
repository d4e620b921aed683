jz-validate --fail-on warning tests/bad/records-warnings-only.csv
