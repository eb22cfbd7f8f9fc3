import { decodeHolderData, FileId, formatFileId, type CardImage } from '@bitaqa/card';

function fileBytes(image: CardImage, id: number): Buffer {
  return Buffer.from(image.files[formatFileId(id)] ?? '', 'hex');
}

/** Reads a personalized card's holder data, expiry and MRZ lines from its image. */
export function describeCard(image: CardImage): Record<string, unknown> {
  const mrz = fileBytes(image, FileId.MRZ).toString('ascii');

  return {
    chipSerial: image.serial,
    expiry: fileBytes(image, FileId.EXPIRY).toString('ascii'),
    holder: decodeHolderData(fileBytes(image, FileId.HOLDER_DATA)),
    lifecycle: image.lifecycle,
    mrz: [mrz.slice(0, 30), mrz.slice(30, 60), mrz.slice(60, 90)],
  };
}
