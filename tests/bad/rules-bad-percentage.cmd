jz-hours --rules tests/bad/rules-bad-percentage.yaml --contracts samples/contracts.csv samples/records/PY-SQ.csv
