jz-hours --rules tests/bad/rules-staff-negative.yaml --contracts samples/contracts.csv samples/records/PY-SQ.csv
