jz-hours --rules tests/bad/rules-bid-cap-huge.yaml --contracts samples/contracts.csv samples/records/PY-SQ.csv
