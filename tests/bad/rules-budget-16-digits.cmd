jz-hours --rules tests/bad/rules-budget-16-digits.yaml --contracts samples/contracts.csv samples/records/PY-SQ.csv
