jz-hours --rules tests/bad/rules-wrong-type-list-for-number.yaml --contracts samples/contracts.csv samples/records/PY-SQ.csv
