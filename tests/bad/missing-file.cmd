jz-validate tests/bad/no-such-file.csv
