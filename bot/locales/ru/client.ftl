## What a freelancer's client reads when they answer through their link.
