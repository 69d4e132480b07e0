/** The library-wide search field in the library's header: Enter opens the Search view with the query. */
import { useState } from 'react';
import { navigate, searchHref } from '../app/router';
import { SearchIcon } from '../ui/icons';

export function SearchBox() {
  const [q, setQ] = useState('');
  return (
    <form
      role="search"
      className="search search-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) navigate(searchHref({ q: q.trim() }));
      }}
    >
      <SearchIcon className="search-icon" />
      <input
        type="search"
        className="input search-input"
        placeholder="Search transcripts, comments and feedback"
        aria-label="Search transcripts, comments and feedback"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        maxLength={500}
      />
    </form>
  );
}
