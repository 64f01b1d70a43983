import { Status } from '@/components/client-only';

// Where the provider sends the shopper back (the companion's returnUrl).
export default function ReturnPage() {
  return (
    <main>
      <Status />
    </main>
  );
}
