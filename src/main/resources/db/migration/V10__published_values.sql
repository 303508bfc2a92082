-- The published values (API.md conventions): every account is INBOUND, shown as its address_type too;
-- every native coin's contract_address is "0x", never NULL (strict SDKs decode it as a string).
UPDATE accounts SET address_type = 'INBOUND' WHERE address_type <> 'INBOUND';
ALTER TABLE accounts ADD CONSTRAINT accounts_address_type_published CHECK (address_type = 'INBOUND');
UPDATE assets SET contract_address = '0x' WHERE contract_address IS NULL;
ALTER TABLE assets ALTER COLUMN contract_address SET NOT NULL;
