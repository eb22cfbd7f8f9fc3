import { createTransactionSchema } from './create-transaction.dto';

describe('createTransactionSchema', () => {
  it('accepts a sale', () => {
    const parsed = createTransactionSchema.safeParse({ productCode: 'gas-cylinder', quantity: 1 });

    expect(parsed.success).toBe(true);
  });

  it('names an unknown field', () => {
    const parsed = createTransactionSchema.safeParse({
      productCode: 'gas-cylinder',
      quantitiy: 1,
      quantity: 1,
    });

    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['quantitiy']]);
  });

  it.each([
    [{ quantity: 1 }, 'productCode'],
    [{ productCode: 'kerosene', quantity: 1 }, 'productCode'],
    [{ productCode: 'gas-cylinder', quantity: 0 }, 'quantity'],
    [{ productCode: 'gas-cylinder', quantity: 1.5 }, 'quantity'],
    [{ productCode: 'gas-cylinder', quantity: 1_000_001 }, 'quantity'],
    [{ idempotencyKey: 'short', productCode: 'gas-cylinder', quantity: 1 }, 'idempotencyKey'],
    [{ productCode: 'gasoline-90', quantity: 20_000, vehiclePlate: '12 34' }, 'vehiclePlate'],
    [
      { idempotencyKey: 'has space 123', productCode: 'gas-cylinder', quantity: 1 },
      'idempotencyKey',
    ],
  ])('rejects %j at %s', (body, field) => {
    const parsed = createTransactionSchema.safeParse(body);

    expect(parsed.error?.issues[0]?.path).toEqual([field]);
  });
});
