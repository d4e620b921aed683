jz-hours --rules tests/bad/rules-training-hours-huge.yaml --contracts samples/contracts.csv samples/records/PY-SQ.csv
