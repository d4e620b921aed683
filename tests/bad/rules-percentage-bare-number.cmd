jz-hours --rules tests/bad/rules-percentage-bare-number.yaml --contracts samples/contracts.csv samples/records/PY-SQ.csv
