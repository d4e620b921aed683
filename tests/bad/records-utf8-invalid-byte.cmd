jz-validate --encoding utf-8 tests/bad/records-utf8-invalid-byte.csv
